import { apiUrl, getJson, postJson, sendOnly } from "./client";
import type { ApiToken, AuthProviders, LoginResult, Me, NewApiToken, Registration } from "./types";

// Full-page navigation target (never fetched): the server redirects to the identity provider.
export const OIDC_START_URL = apiUrl("/auth/oidc/start");

export function login(username: string, password: string): Promise<LoginResult> {
  return postJson(apiUrl("/auth/login"), { username, password });
}

export function logout(): Promise<void> {
  return sendOnly("POST", apiUrl("/auth/logout"));
}

export function changePassword(current_password: string, new_password: string): Promise<void> {
  return sendOnly("POST", apiUrl("/me/password"), { current_password, new_password });
}

export function register(registration: Registration): Promise<void> {
  return sendOnly("POST", apiUrl("/auth/register"), registration);
}

export function getProviders(signal?: AbortSignal): Promise<AuthProviders> {
  return getJson(apiUrl("/auth/providers"), signal);
}

export function getMe(signal?: AbortSignal): Promise<Me> {
  return getJson(apiUrl("/me"), signal);
}

export async function listTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return (await getJson<{ items: ApiToken[] }>(apiUrl("/me/tokens"), signal)).items;
}

export function createToken(name: string): Promise<NewApiToken> {
  return postJson(apiUrl("/me/tokens"), { name });
}

export function revokeToken(id: string): Promise<void> {
  return sendOnly("DELETE", apiUrl(`/me/tokens/${encodeURIComponent(id)}`));
}
