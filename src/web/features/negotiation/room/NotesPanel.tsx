// The delegation's private notes on the document (no other delegation, nor the chair, sees them), newest first, and a
// form to add one, about the whole document or one provision.
import { Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { NoteRequestSchema } from "../../../../contracts/negotiation";
import { localTimeZone } from "../../../i18n/date-format";
import { useLocale } from "../../../i18n/use-locale";
import { QueryProblem } from "../../../shared/access/QueryProblem";
import { holds } from "../../../shared/access/access-rules";
import { accountName } from "../../../shared/directory/account-name";
import { useUsers } from "../../../shared/directory/directory-queries";
import { Loading } from "../../../shared/QueryFeedback";
import classes from "../Negotiation.module.css";
import { useAddNote } from "../negotiation-commands";
import { formatInstantIn } from "../negotiation-format";
import { useNotes } from "../negotiation-queries";
import { mayUse } from "../negotiation-roles";
import { AnnotationForm } from "./AnnotationForm";
import { useRoom } from "./room-context";

function NoteForm() {
  const { t } = useTranslation();
  const { document } = useRoom();
  const addNote = useAddNote(document.id);
  return <AnnotationForm schema={NoteRequestSchema} send={addNote} textLabel={t("negotiation.notes.text")} submitLabel={t("negotiation.notes.add")} minRows={2} name="note" />;
}

export function NotesPanel() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { document, delegation, permissions, provisionName, partyName } = useRoom();
  const notes = useNotes(document.id, { enabled: delegation !== null && mayUse(permissions, "note.read") });
  // A head of delegation may list the delegation's users, so authors are named; a delegate sees notes without authors.
  const users = useUsers(delegation, { enabled: delegation !== null && holds(permissions, "user.list") });
  const author = (id: string | null) => {
    const user = id === null ? undefined : users.data?.items.find((item) => item.id === id);
    return user ? accountName(user, t, partyName) : null;
  };
  const items = [...(notes.data?.items ?? [])].sort((a, b) => b.at.localeCompare(a.at));

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t("negotiation.notes.intro")}
      </Text>
      {mayUse(permissions, "note.create") && document.status !== "adopted" && (
        <Paper withBorder radius="lg" p={{ base: "sm", sm: "md" }}>
          <NoteForm />
        </Paper>
      )}
      {notes.isError ? (
        <QueryProblem error={notes.error} onRetry={() => void notes.refetch()} />
      ) : !notes.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t("negotiation.notes.none")}</Text>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: "none" }} data-testid="notes">
          {items.map((note) => (
            <Paper key={note.id} component="li" withBorder radius="md" p="sm">
              <Text size="xs" c="dimmed">
                {[note.provision ? provisionName(note.provision) : t("negotiation.fields.wholeDocument"), author(note.author), formatInstantIn(note.at, language, localTimeZone())]
                  .filter(Boolean)
                  .join(" · ")}
              </Text>
              <Text size="sm" className={classes.quote}>
                {note.text}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
