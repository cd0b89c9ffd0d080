// The live hub: WebSocket clients subscribe on /api/live and receive events as features publish them.
import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";

export interface LiveEvent {
  readonly type: string;
  readonly [key: string]: unknown;
}

export class LiveHub {
  private readonly sockets = new Set<WebSocket>();

  get size(): number {
    return this.sockets.size;
  }

  add(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.send(JSON.stringify({ type: "hello", at: new Date().toISOString() }));
  }

  publish(event: LiveEvent): void {
    const message = JSON.stringify(event);
    for (const socket of this.sockets) if (socket.readyState === socket.OPEN) socket.send(message);
  }

  closeAll(): void {
    for (const socket of this.sockets) socket.close(1001, "server shutting down");
  }
}

export async function liveRoutes(app: FastifyInstance, options: { hub: LiveHub }): Promise<void> {
  app.get("/api/live", { websocket: true, schema: { hide: true } }, (socket) => options.hub.add(socket));
}
