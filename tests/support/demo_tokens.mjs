// Bearer tokens for the demo accounts of a running server, signed in once each and kept.
import assert from 'node:assert/strict';
import { recordSecret } from './test_logs.mjs';

export function demoTokens(baseUrl, accounts) {
  const tokens = {};
  return async function token(username) {
    if (!tokens[username]) {
      const a = accounts().find((x) => x.username === username);
      assert.ok(a, `no demo account ${username}`);
      const res = await fetch(baseUrl() + '/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: a.password, token: true }),
      });
      assert.equal(res.status, 200, `login as ${username}`);
      tokens[username] = (await res.json()).token;
      recordSecret(tokens[username]);
    }
    return tokens[username];
  };
}
