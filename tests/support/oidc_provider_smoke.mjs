// Proves the test provider works on this machine: starts it, reads discovery and JWKS, then runs
// one authorization code flow with PKCE over plain HTTP (filling the development login form the
// way a browser would) and checks the ID token's claims. Run: node tests/support/oidc_provider_smoke.mjs
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';

import { startOidcProvider } from './oidc_provider.mjs';

const redirectUri = 'http://127.0.0.1:9/callback';
const op = await startOidcProvider({ redirectUri });
try {
  const discovery = await (await fetch(`${op.issuer}/.well-known/openid-configuration`)).json();
  assert.equal(discovery.issuer, op.issuer);
  assert.ok(discovery.code_challenge_methods_supported.includes('S256'));
  assert.ok(discovery.claims_supported.includes('id_number'));
  const jwks = await (await fetch(discovery.jwks_uri)).json();
  assert.ok(jwks.keys.some((k) => k.kty === 'RSA' && k.kid && !k.d), 'public RSA key without private parts');

  // A cookie jar just big enough for the provider's session and interaction cookies.
  const jar = new Map();
  const request = async (url, init = {}) => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie } });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return res;
  };
  const follow = (res, base) => new URL(res.headers.get('location'), base).href;

  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const nonce = randomBytes(16).toString('base64url');
  const auth = new URL(discovery.authorization_endpoint);
  auth.search = new URLSearchParams({
    response_type: 'code', client_id: op.clientId, redirect_uri: redirectUri, scope: 'openid profile',
    state, nonce, code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  // Without PKCE the provider must refuse.
  const noPkce = new URL(auth);
  noPkce.searchParams.delete('code_challenge');
  noPkce.searchParams.delete('code_challenge_method');
  const refused = await request(noPkce.href);
  assert.match(refused.headers.get('location') ?? '', /error=invalid_request/);

  let res = await request(auth.href);
  assert.equal(res.status, 303);
  const interactionUrl = follow(res, op.issuer);
  res = await request(interactionUrl);
  const form = await res.text();
  assert.match(form, /name="login"/);
  const action = new URL(form.match(/action="([^"]+)"/)[1], op.issuer).href;
  res = await request(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ prompt: 'login', login: op.account.login, password: op.account.password }),
  });
  // Login → resume the authorization → (no consent screen) → redirect to the client.
  let location = follow(res, op.issuer);
  for (let hops = 0; !location.startsWith(redirectUri) && hops < 5; hops++) {
    res = await request(location);
    assert.ok(res.headers.get('location'), `expected a redirect from ${new URL(location).pathname}, got ${res.status}`);
    location = follow(res, op.issuer);
  }
  const callback = new URL(location);
  assert.equal(callback.searchParams.get('state'), state);
  const code = callback.searchParams.get('code');
  assert.ok(code, `no code in callback: ${callback.search}`);

  const basic = Buffer.from(`${encodeURIComponent(op.clientId)}:${encodeURIComponent(op.clientSecret)}`).toString('base64');
  const tokenRes = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }),
  });
  const tokens = await tokenRes.json();
  assert.equal(tokenRes.status, 200, JSON.stringify(tokens));
  const [header, payload] = tokens.id_token.split('.').slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  assert.equal(header.alg, 'RS256');
  assert.ok(jwks.keys.some((k) => k.kid === header.kid));
  assert.equal(payload.iss, op.issuer);
  assert.equal(payload.aud, op.clientId);
  assert.equal(payload.nonce, nonce);
  assert.equal(payload.sub, op.account.sub);
  assert.equal(payload.id_number, op.account.id_number);
  assert.equal(payload.name, op.account.name);
  console.log(`oidc provider smoke test passed: ${op.issuer} (sub=${payload.sub}, id_number=${payload.id_number})`);
} finally {
  await op.stop();
}
