// Shared set-up for the compatibility tests: SDK clients pointed at the server that run.js started,
// and the two places where @pulumi/esc-sdk 0.12.4's wrapper disagrees with Pulumi Cloud.
"use strict";

const assert = require("node:assert/strict");
const esc = require("@pulumi/esc-sdk");

const serverUrl = required("COFFER_URL");
const token = required("COFFER_TOKEN");
const org = required("COFFER_ORG");
const basePath = `${serverUrl}/api/esc`;

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests through run.js, which starts a server`);
  }
  return value;
}

/**
 * The wrapper client as an application would build it. EscApi's constructor rebuilds basePath from
 * the URL's protocol and hostname only, dropping the port (http://127.0.0.1:5000 becomes
 * http://127.0.0.1/api/esc), so the base path is set again on the shared Configuration afterwards;
 * every request reads it from there.
 */
function connectWithToken(accessToken) {
  const api = new esc.EscApi(new esc.Configuration({ accessToken, basePath }));
  api.config.basePath = basePath;
  return api;
}

/** The wrapper client with the bootstrap administrator's token. */
function connect() {
  return connectWithToken(token);
}

/** The generated client, for the calls the wrapper does not offer (it keeps the port as given). */
function connectRaw() {
  return new esc.EscRawApi(new esc.Configuration({ accessToken: token, basePath }));
}

/**
 * Runs a wrapper call that 0.12.4 checks for HTTP 200 where Pulumi Cloud — and the server, and the
 * 0.13+ wrappers — answer 204 No Content. The wrapper still sends the real request; only its final
 * status check throws "Failed to <action>: No Content". That exact error is accepted, every other
 * error is not, and callers verify the effect (the environment exists, or is gone) themselves.
 * Using the wrapper rather than rawApi keeps its request shape under test.
 */
async function tolerateNoContent(action, call) {
  try {
    await call();
  } catch (error) {
    if (error?.isAxiosError || error?.message !== `Failed to ${action}: No Content`) {
      throw error;
    }
  }
}

function createEnvironment(api, project, name) {
  return tolerateNoContent("create environment", () => api.createEnvironment(org, project, name));
}

function deleteEnvironment(api, project, name) {
  return tolerateNoContent("delete environment", () => api.deleteEnvironment(org, project, name));
}

/** Asserts that a call is refused with the given HTTP status and a {code, message} body. */
async function assertHttpError(promise, status) {
  await assert.rejects(promise, (error) => {
    assert.ok(error?.isAxiosError && error.response, `expected an HTTP error response, got ${error}`);
    assert.equal(error.response?.status, status, `status of ${error.config?.method?.toUpperCase()} ${error.config?.url}`);
    assert.equal(error.response.data?.code, status, "the error body's code");
    assert.equal(typeof error.response.data?.message, "string", "the error body's message");
    return true;
  });
}

module.exports = { org, connect, connectWithToken, connectRaw, createEnvironment, deleteEnvironment, assertHttpError };
