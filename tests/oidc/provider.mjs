// A real OpenID provider on localhost for the login test: oidc-provider with its
// development login form (any login name, any password), one client (the dashboard).
// Usage: node provider.mjs <port> <redirect_uri> ; prints "ready" when it listens.
import Provider from "oidc-provider";

const [port, redirectUri] = process.argv.slice(2);
const issuer = `http://localhost:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "dashboard",
      client_secret: "test-client-secret",
      redirect_uris: [redirectUri],
      post_logout_redirect_uris: [redirectUri],
      response_types: ["code"],
      grant_types: ["authorization_code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: id };
      },
    };
  },
  pkce: { required: () => false },
  cookies: { keys: ["test-cookie-key"] },
});
provider.proxy = false;
provider.listen(Number(port), "127.0.0.1", () => console.log("ready"));
