import { MutationObserver, QueryClient } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import type { DocumentDto } from "../../../contracts/negotiation";
import { putOffRead, settleReads } from "./awaited-answers";
import { NEGOTIATION_KEYS } from "./negotiation-queries";

const ID = "doc";
const at = (version: number) => ({ id: ID, version }) as unknown as DocumentDto;

/** A command on the document whose answer (the document at `answered`) comes when `answer()` is called. */
function command(queryClient: QueryClient, answered: number) {
  let answer: (document: DocumentDto) => void = () => undefined;
  const observer = new MutationObserver(queryClient, {
    mutationKey: NEGOTIATION_KEYS.command(ID),
    mutationFn: () => new Promise<DocumentDto>((resolve) => (answer = resolve)),
    onSuccess: (document: DocumentDto) => queryClient.setQueryData(NEGOTIATION_KEYS.document(ID), document),
    onSettled: () => settleReads(queryClient, ID),
  });
  const done = observer.mutate();
  return { answer: async () => (answer(at(answered)), await done) };
}

function setUp() {
  const queryClient = new QueryClient();
  queryClient.setQueryData(NEGOTIATION_KEYS.document(ID), at(3));
  const reads = vi.spyOn(queryClient, "invalidateQueries");
  return { queryClient, reads };
}

describe("a read of the document put off while the reader's own command awaits its answer", () => {
  it("is not put off when no command is awaited", () => {
    const { queryClient } = setUp();
    expect(putOffRead(queryClient, ID, 4)).toBe(false);
  });

  it("is dropped when the answer brings the version announced (the command's own echo, arriving first)", async () => {
    const { queryClient, reads } = setUp();
    const issued = command(queryClient, 4);
    await Promise.resolve();
    expect(putOffRead(queryClient, ID, 4)).toBe(true);
    await issued.answer();
    expect(reads).not.toHaveBeenCalled();
    expect(queryClient.getQueryData<DocumentDto>(NEGOTIATION_KEYS.document(ID))?.version).toBe(4);
  });

  it("happens once the command is answered when an event announced a later version (another's change)", async () => {
    const { queryClient, reads } = setUp();
    const issued = command(queryClient, 4);
    await Promise.resolve();
    expect(putOffRead(queryClient, ID, 5)).toBe(true);
    await issued.answer();
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it("waits for the last of two commands, and is not put off by an event without a version (a reconnection)", async () => {
    const { queryClient, reads } = setUp();
    const first = command(queryClient, 4);
    const second = command(queryClient, 5);
    await Promise.resolve();
    expect(putOffRead(queryClient, ID, null)).toBe(false);
    expect(putOffRead(queryClient, ID, 6)).toBe(true);
    await first.answer();
    expect(reads).not.toHaveBeenCalled();
    await second.answer();
    expect(reads).toHaveBeenCalledTimes(1);
  });
});
