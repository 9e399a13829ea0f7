// A real OpenID Connect provider (npm `oidc-provider`) on 127.0.0.1 for tests of Sen's relying
// party: one confidential client (client_secret_basic, code flow, PKCE S256 required) and a test
// citizen whose ID token carries a 12-digit `id_number` claim. Sign-in uses the package's
// development interactions: a form with `login` and `password` fields where any values are accepted.
//
//   const op = await startOidcProvider({ redirectUri: 'http://127.0.0.1:8080/api/v1/auth/callback' });
//   ... op.issuer, op.clientId, op.clientSecret, op.account.login ...
//   await op.stop();
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';

import { Provider } from 'oidc-provider';

// The test citizens. Signing in with any other login name gives an account without `id_number`,
// which lets tests cover a provider that does not release the national identity number.
const CITIZEN = Object.freeze({
  login: 'citizen',
  password: 'any-password',
  sub: 'citizen',
  id_number: '001099012345',
  name: 'Nguyễn Văn An',
});

// A citizen with no Sen account of their own: one served at a one-stop counter, whose account Sen
// holds until this first sign-in links it.
const WALK_IN = Object.freeze({ login: 'walkin', sub: 'walkin', id_number: '001088000123', name: 'Trần Văn Bình' });
const KNOWN = new Map([CITIZEN, WALK_IN].map((c) => [c.sub, c]));

function signingKeys() {
  // Fresh keys per provider so no private key lives in the repository.
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  return [
    { ...rsa, kid: `rsa-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' },
    { ...ec, kid: `ec-${randomBytes(6).toString('hex')}`, alg: 'ES256', use: 'sig' },
  ];
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

// `idTokenAlg`: the client's id_token_signed_response_alg ('RS256' or 'ES256').
// `clientId`/`clientSecret`: fixed credentials instead of generated ones.
export async function startOidcProvider({
  redirectUri,
  idTokenAlg = 'RS256',
  clientId = 'sen-test',
  clientSecret = randomBytes(24).toString('base64url'),
} = {}) {
  if (!redirectUri) throw new Error('startOidcProvider needs a redirectUri');

  // The issuer must contain the port, so bind first and attach the provider afterwards.
  let handler = (_req, res) => { res.statusCode = 503; res.end(); };
  const server = http.createServer((req, res) => handler(req, res));
  const port = await listen(server);
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [redirectUri],
      response_types: ['code'],
      grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: idTokenAlg,
    }],
    jwks: { keys: signingKeys() },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true, methods: ['S256'] },
    // Short lifetimes, stated so the package does not warn about its defaults.
    ttl: { AuthorizationCode: 60, AccessToken: 300, IdToken: 300, Interaction: 600, Grant: 600, Session: 3600 },
    scopes: ['openid', 'profile'],
    claims: { openid: ['sub'], profile: ['name', 'id_number'] },
    // Release scope claims in the ID token itself (the relying party never calls userinfo).
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
      // Enabled so discovery and the token response stay standard; Sen does not use it.
      userinfo: { enabled: true },
    },
    async findAccount(_ctx, sub) {
      const known = KNOWN.get(sub);
      return {
        accountId: sub,
        async claims() {
          if (known !== undefined) return { sub, name: known.name, id_number: known.id_number };
          return { sub, name: sub };
        },
      };
    },
    // The client is first-party: grant the requested scopes without a consent screen, so a browser
    // test only fills the login form.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) {
        const existing = await ctx.oidc.provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
      await grant.save();
      return grant;
    },
    renderError(ctx, out) {
      ctx.type = 'application/json';
      ctx.body = out;
    },
  });
  // Keep test output free of the package's development-only warnings and stack traces.
  provider.on('server_error', () => {});

  handler = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    account: { ...CITIZEN },
    provider,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
