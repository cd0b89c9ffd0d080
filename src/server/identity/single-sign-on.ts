// Single sign-on with OpenID Connect (authorization code with PKCE) for ministries with their own identity provider.
import type { FastifyInstance } from "fastify";
import * as oidc from "openid-client";
import { z } from "zod";
import { setSessionCookie } from "../platform/access/sessions.js";
import { commandContext, type AppServices } from "../app-services.js";
import { recordSingleSignOnFailureCommand, signInWithSingleSignOnCommand } from "./commands.js";
import { hashToken, SESSION_COOKIE } from "./session-store.js";

export interface SingleSignOnConfig {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** This server's callback, e.g. https://concord.example/api/v1/sso/callback, registered with the provider. */
  readonly redirectUri: string;
  /** The name shown on the sign-in button, e.g. the ministry's. */
  readonly name: string;
  /** Allow an http:// issuer (tests and local development only). */
  readonly allowHttp: boolean;
}

/** Reads OIDC_* variables; undefined when single sign-on is not configured. */
export function singleSignOnFromEnv(env: NodeJS.ProcessEnv, publicUrl: string): SingleSignOnConfig | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  if (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) throw new Error("OIDC_ISSUER is set: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are needed too");
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    redirectUri: env.OIDC_REDIRECT_URI ?? `${publicUrl}/api/v1/sso/callback`,
    name: env.OIDC_NAME ?? "Single sign-on",
    allowHttp: env.OIDC_ALLOW_HTTP === "true",
  };
}

const FLOW_COOKIE = "concord_sso";
const FlowState = z.object({ verifier: z.string(), state: z.string(), nonce: z.string() });

export async function singleSignOnRoutes(app: FastifyInstance, options: { services: AppServices; config: SingleSignOnConfig }): Promise<void> {
  const { config, services } = options;
  let discovered: Promise<oidc.Configuration> | null = null;
  const configuration = (): Promise<oidc.Configuration> => {
    discovered ??= oidc
      .discovery(new URL(config.issuer), config.clientId, { client_secret: config.clientSecret, redirect_uris: [config.redirectUri] }, undefined, {
        execute: config.allowHttp ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };
  const failed = (reply: import("fastify").FastifyReply) => reply.redirect("/sign-in?sso=failed");
  /** A failure before any account is in question is still an audit event: someone tried. */
  const refused = async (request: import("fastify").FastifyRequest, reply: import("fastify").FastifyReply, reason: string) => {
    await services.runner.run(recordSingleSignOnFailureCommand, commandContext(request, services), { reason });
    return failed(reply);
  };

  app.get("/api/v1/sso/login", { schema: { tags: ["identity"], summary: "Start single sign-on: redirects to the identity provider" } }, async (request, reply) => {
    let server: oidc.Configuration;
    try {
      server = await configuration();
    } catch (error) {
      request.log.error({ err: error }, "identity provider discovery failed");
      return failed(reply);
    }
    const flow = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() };
    void reply.setCookie(FLOW_COOKIE, JSON.stringify(flow), {
      path: "/api/v1/sso",
      httpOnly: true,
      sameSite: "lax",
      secure: request.protocol === "https",
      signed: true,
      maxAge: 600,
    });
    const url = oidc.buildAuthorizationUrl(server, {
      redirect_uri: config.redirectUri,
      scope: "openid email profile",
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: "S256",
      state: flow.state,
      nonce: flow.nonce,
    });
    return reply.redirect(url.href);
  });

  app.get("/api/v1/sso/callback", { schema: { tags: ["identity"], summary: "Return from the identity provider: opens a session" } }, async (request, reply) => {
    const raw = request.cookies[FLOW_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : null;
    void reply.clearCookie(FLOW_COOKIE, { path: "/api/v1/sso" });
    let flow: ReturnType<typeof FlowState.safeParse> | null = null;
    try {
      flow = unsigned?.valid && unsigned.value ? FlowState.safeParse(JSON.parse(unsigned.value)) : null;
    } catch {
      flow = null;
    }
    if (!flow?.success) return refused(request, reply, "no-flow-state");
    let claims: { iss: string; sub: string; email: string | null; isEmailVerified: boolean };
    try {
      const server = await configuration();
      const current = new URL(request.url, config.redirectUri);
      const tokens = await oidc.authorizationCodeGrant(server, current, {
        pkceCodeVerifier: flow.data.verifier,
        expectedState: flow.data.state,
        expectedNonce: flow.data.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) return await refused(request, reply, "no-id-token");
      // Providers that conform ID token claims put the email only in the userinfo response.
      const profile = typeof idClaims.email === "string" ? idClaims : await oidc.fetchUserInfo(server, tokens.access_token, idClaims.sub);
      claims = {
        iss: idClaims.iss,
        sub: idClaims.sub,
        email: typeof profile.email === "string" ? profile.email.toLowerCase() : null,
        // Only an explicit `true` proves the provider checked the address; an absent claim proves nothing.
        isEmailVerified: profile.email_verified === true,
      };
    } catch (error) {
      request.log.warn({ err: { type: (error as Error).name, message: (error as Error).message } }, "single sign-on failed at the provider");
      return refused(request, reply, "provider-refused");
    }
    const previous = request.cookies[SESSION_COOKIE];
    const outcome = await services.runner.run(signInWithSingleSignOnCommand, commandContext(request, services), {
      issuer: claims.iss,
      subject: claims.sub,
      email: claims.email,
      isEmailVerified: claims.isEmailVerified,
      previousTokenHash: previous ? hashToken(previous) : null,
    });
    if ("failure" in outcome) return failed(reply);
    setSessionCookie(request, reply, outcome.token);
    return reply.redirect("/");
  });
}
