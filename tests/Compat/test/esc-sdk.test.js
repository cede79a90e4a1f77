// The life of an environment driven through @pulumi/esc-sdk 0.12.4, the npm client people already
// use against Pulumi Cloud. Suites run in order against one server: each builds on the environments
// the ones before it created, as an application would.
"use strict";

const { describe, test } = require("node:test");
const assert = require("node:assert/strict");
const { org, connect, connectWithToken, connectRaw, createEnvironment, deleteEnvironment, assertHttpError } = require("./support");

const api = connect();
const project = "compat";

const baseDefinition = {
  values: {
    region: "eu-west-1",
    owner: "platform",
    service: { port: 8080, replicas: 2 },
  },
};

const secretPlaintext = "correct horse battery staple";
const comment = "# Settings of the application; comments survive a round trip.";
const appYaml = `${comment}
imports:
  - ${project}/base
values:
  owner: payments
  display name: Payments API
  service:
    replicas: 3
  endpoint: https://\${region}.example.com:\${service.port}
  password:
    fn::secret: ${secretPlaintext}
  environmentVariables:
    ENDPOINT: \${endpoint}
    DB_PASSWORD: \${password}
`;

/** What opening the application environment gives; only `owner` differs between its revisions. */
const appValues = (owner) => ({
  region: "eu-west-1",
  owner,
  "display name": "Payments API",
  service: { port: 8080, replicas: 3 },
  endpoint: "https://eu-west-1.example.com:8080",
  password: secretPlaintext,
  environmentVariables: {
    ENDPOINT: "https://eu-west-1.example.com:8080",
    DB_PASSWORD: secretPlaintext,
  },
});

function names(list) {
  return list.environments.map((e) => `${e.project}/${e.name}`).sort();
}

describe("Environments", () => {
  test("an organization without environments lists none", async () => {
    const list = await api.listEnvironments(org);
    assert.deepEqual(list.environments, []);
    assert.ok(!list.nextToken, `no continuation token expected, got ${JSON.stringify(list.nextToken)}`);
  });

  test("creating environments makes them appear in the listing", async () => {
    await createEnvironment(api, project, "app");
    await createEnvironment(api, project, "base");
    const list = await api.listEnvironments(org);
    assert.deepEqual(names(list), [`${project}/app`, `${project}/base`]);
    for (const environment of list.environments) {
      assert.equal(environment.organization, org);
      assert.ok(!Number.isNaN(Date.parse(environment.created)), `created: ${environment.created}`);
      assert.ok(!Number.isNaN(Date.parse(environment.modified)), `modified: ${environment.modified}`);
    }
  });

  test("creating an environment that already exists is a conflict (409)", async () => {
    await assertHttpError(api.createEnvironment(org, project, "app"), 409);
  });

  test("a new environment has an empty definition", async () => {
    const { definition } = await api.getEnvironment(org, project, "app");
    assert.deepEqual(definition ?? {}, {});
  });

  test("opening a new environment gives no values", async () => {
    const opened = await api.openAndReadEnvironment(org, project, "app");
    assert.deepEqual(opened.environment, {});
    assert.deepEqual(opened.values, {});
  });
});

describe("Definitions", () => {
  test("updating an environment from an object stores that definition", async () => {
    const result = await api.updateEnvironment(org, project, "base", baseDefinition);
    assert.equal(result?.diagnostics, undefined);
    const stored = await api.getEnvironment(org, project, "base");
    assert.deepEqual(stored.definition, baseDefinition);
  });

  test("updating an environment's YAML with imports, interpolation, a secret and environment variables succeeds", async () => {
    const result = await api.updateEnvironmentYaml(org, project, "app", appYaml);
    assert.notEqual(result, undefined, "the update answers with a JSON body");
    assert.equal(result.diagnostics, undefined);
  });

  test("an update with an error is refused with its diagnostics", async () => {
    await assert.rejects(api.updateEnvironmentYaml(org, project, "app", "values:\n  broken: ${nowhere}\n"), (error) => {
      assert.equal(error.response?.status, 400);
      assert.equal(error.response.data.code, 400);
      assert.deepEqual(error.response.data.diagnostics.map((d) => d.summary), ['unknown property "nowhere"']);
      return true;
    });
    const { definition } = await api.getEnvironment(org, project, "app");
    assert.equal(definition.values.broken, undefined, "the refused definition was stored");
    assert.equal(definition.values.owner, "payments", "the previous definition was lost");
  });

  test("reading a definition gives the secret as ciphertext, never the plaintext", async () => {
    const { definition, yaml } = await api.getEnvironment(org, project, "app");
    assert.deepEqual(definition.imports, [`${project}/base`]);
    assert.equal(definition.values.endpoint, "https://${region}.example.com:${service.port}");
    assert.deepEqual(definition.values.environmentVariables, { ENDPOINT: "${endpoint}", DB_PASSWORD: "${password}" });
    const secret = definition.values.password["fn::secret"];
    assert.deepEqual(Object.keys(secret), ["ciphertext"]);
    assert.match(secret.ciphertext, /^[A-Za-z0-9+/]+=*$/, "the ciphertext is base64");
    assert.ok(!yaml.includes(secretPlaintext), "the YAML text contains the plaintext");
    assert.ok(yaml.includes(comment), "the YAML text keeps the definition's comment");
  });

  test("decrypting a definition gives the secret's plaintext back", async () => {
    const { definition } = await api.decryptEnvironment(org, project, "app");
    assert.deepEqual(definition.imports, [`${project}/base`]);
    assert.deepEqual(definition.values.password, { "fn::secret": secretPlaintext });
    assert.equal(definition.values.owner, "payments");
  });

  test("cloning an environment copies its definition, secret included", async () => {
    await api.cloneEnvironment(org, project, "app", project, "app-copy");
    const copy = await api.decryptEnvironment(org, project, "app-copy");
    assert.deepEqual(copy.definition.values.password, { "fn::secret": secretPlaintext });
    const opened = await api.openAndReadEnvironment(org, project, "app-copy");
    assert.deepEqual(opened.values, appValues("payments"));
  });
});

describe("Checking a YAML document", () => {
  test("a valid document gives its values and no diagnostics", async () => {
    const result = await api.checkEnvironmentYaml(org, `imports:\n  - ${project}/base\nvalues:\n  greeting: hello from \${region}\n`);
    assert.equal(result.diagnostics, undefined);
    assert.equal(result.properties.greeting.value, "hello from eu-west-1");
    assert.equal(result.properties.region.value, "eu-west-1");
  });

  test("a document with an unknown reference gives exactly one diagnostic", async () => {
    const result = await api.checkEnvironmentYaml(org, "values:\n  foo: bar\n  pulumiConfig:\n    foo: ${bad_ref}\n");
    assert.equal(result.diagnostics?.length, 1, JSON.stringify(result.diagnostics));
    assert.equal(result.diagnostics[0].summary, 'unknown property "bad_ref"');
  });
});

describe("Opening", () => {
  test("opening an environment merges its imports, interpolates and reveals secrets", async () => {
    const opened = await api.openAndReadEnvironment(org, project, "app");
    assert.deepEqual(opened.values, appValues("payments"));
    assert.equal(opened.environment.properties.password.secret, true);
    assert.equal(opened.environment.properties.environmentVariables.value.DB_PASSWORD.secret, true);
  });

  test("reading one property of an open session gives its value", async () => {
    const { id } = await api.openEnvironment(org, project, "app");
    const endpoint = await api.readOpenEnvironmentProperty(org, project, "app", id, "endpoint");
    assert.equal(endpoint.value, "https://eu-west-1.example.com:8080");
    assert.equal(endpoint.property.value, "https://eu-west-1.example.com:8080");
  });

  test("reading nested properties of an open session gives their values", async () => {
    const { id } = await api.openEnvironment(org, project, "app");
    const port = await api.readOpenEnvironmentProperty(org, project, "app", id, "service.port");
    assert.equal(port.value, 8080);
    const password = await api.readOpenEnvironmentProperty(org, project, "app", id, 'environmentVariables["DB_PASSWORD"]');
    assert.equal(password.value, secretPlaintext);
    assert.equal(password.property.secret, true);
    const service = await api.readOpenEnvironmentProperty(org, project, "app", id, "service");
    assert.deepEqual(service.value, { port: 8080, replicas: 3 });
  });

  test("reading a property whose name has a space gives its value", async () => {
    // The query string is form-encoded: the space travels as "+".
    const { id } = await api.openEnvironment(org, project, "app");
    const name = await api.readOpenEnvironmentProperty(org, project, "app", id, '["display name"]');
    assert.equal(name.value, "Payments API");
  });

  test("opening for a given duration gives a readable session", async () => {
    // The wrapper's openEnvironment sends no duration; only the generated client takes one.
    const opened = await connectRaw().openEnvironment(org, project, "app", "2h45m");
    assert.equal(opened.status, 200);
    const read = await api.readOpenEnvironment(org, project, "app", opened.data.id);
    assert.equal(read.values.owner, "payments");
  });

  test("a session opened on one environment cannot be read through another (404)", async () => {
    const { id } = await api.openEnvironment(org, project, "app");
    await assertHttpError(api.readOpenEnvironment(org, project, "base", id), 404);
  });
});

describe("Revisions", () => {
  test("writing back a definition read earlier keeps its secret", async () => {
    // What Pulumi's own SDK tests do: read, change a value, write the object back with its ciphertext.
    const { definition } = await api.getEnvironment(org, project, "app");
    definition.values.owner = "checkout";
    const result = await api.updateEnvironment(org, project, "app", definition);
    assert.equal(result?.diagnostics, undefined);
    const opened = await api.openAndReadEnvironment(org, project, "app");
    assert.deepEqual(opened.values, appValues("checkout"));
  });

  test("every update makes the next revision, listed newest first", async () => {
    const revisions = await api.listEnvironmentRevisions(org, project, "app");
    assert.deepEqual(revisions.map((r) => r.number), [3, 2, 1]);
    assert.ok(revisions[0].tags.includes("latest"), `tags of the newest revision: ${revisions[0].tags}`);
    assert.ok(revisions.every((r) => !Number.isNaN(Date.parse(r.created))));
  });

  test("listing revisions before a number gives the older ones", async () => {
    const revisions = await api.listEnvironmentRevisions(org, project, "app", 3, 1);
    assert.deepEqual(revisions.map((r) => r.number), [2]);
  });

  test("reading an environment at a revision gives that revision's definition", async () => {
    const second = await api.getEnvironmentAtVersion(org, project, "app", "2");
    assert.equal(second.definition.values.owner, "payments");
    assert.deepEqual(Object.keys(second.definition.values.password["fn::secret"]), ["ciphertext"]);
    const third = await api.getEnvironmentAtVersion(org, project, "app", "3");
    assert.equal(third.definition.values.owner, "checkout");
  });

  test("tagging a revision lists the tag next to latest", async () => {
    await api.createEnvironmentRevisionTag(org, project, "app", "stable", 2);
    const { tags } = await api.listEnvironmentRevisionTags(org, project, "app");
    assert.deepEqual(tags.map((t) => [t.name, t.revision]), [["latest", 3], ["stable", 2]]);
    const stable = await api.getEnvironmentRevisionTag(org, project, "app", "stable");
    assert.equal(stable.revision, 2);
  });

  test("reading an environment at a tag gives the tagged revision's definition", async () => {
    const tagged = await api.getEnvironmentAtVersion(org, project, "app", "stable");
    assert.equal(tagged.definition.values.owner, "payments");
    const latest = await api.getEnvironmentAtVersion(org, project, "app", "latest");
    assert.equal(latest.definition.values.owner, "checkout");
  });

  test("opening at a tag gives the tagged revision's values", async () => {
    const { id } = await api.openEnvironmentAtVersion(org, project, "app", "stable");
    const tagged = await api.readOpenEnvironment(org, project, "app", id);
    assert.deepEqual(tagged.values, appValues("payments"));
    const latest = await api.openAndReadEnvironment(org, project, "app");
    assert.deepEqual(latest.values, appValues("checkout"));
  });

  test("moving a revision tag changes what opening at it gives", async () => {
    await api.updateEnvironmentRevisionTag(org, project, "app", "stable", 3);
    assert.equal((await api.getEnvironmentRevisionTag(org, project, "app", "stable")).revision, 3);
    const tagged = await api.openAndReadEnvironmentAtVersion(org, project, "app", "stable");
    assert.equal(tagged.values.owner, "checkout");
  });

  test("deleting a revision tag leaves only latest", async () => {
    await api.deleteEnvironmentRevisionTag(org, project, "app", "stable");
    const { tags } = await api.listEnvironmentRevisionTags(org, project, "app");
    assert.deepEqual(tags.map((t) => t.name), ["latest"]);
  });
});

describe("Environment tags", () => {
  test("creating an environment tag makes it readable by name", async () => {
    await api.createEnvironmentTag(org, project, "app", "team", "payments");
    const tag = await api.getEnvironmentTag(org, project, "app", "team");
    assert.equal(tag.name, "team");
    assert.equal(tag.value, "payments");
    assert.ok(!Number.isNaN(Date.parse(tag.created)), `created: ${tag.created}`);
    assert.ok(!Number.isNaN(Date.parse(tag.modified)), `modified: ${tag.modified}`);
  });

  test("listing environment tags gives them keyed by name, ending the listing", async () => {
    await api.createEnvironmentTag(org, project, "app", "tier", "gold");
    const list = await api.listEnvironmentTags(org, project, "app");
    assert.deepEqual(Object.keys(list.tags).sort(), ["team", "tier"]);
    assert.equal(list.tags.tier.value, "gold");
    // The esc CLI pages until it sees "0"; an empty token would make it start over forever.
    assert.equal(list.nextToken, "0");
  });

  test("updating an environment tag renames it and changes its value", async () => {
    await api.updateEnvironmentTag(org, project, "app", "team", "payments", "owning-team", "checkout");
    const renamed = await api.getEnvironmentTag(org, project, "app", "owning-team");
    assert.equal(renamed.value, "checkout");
    await assertHttpError(api.getEnvironmentTag(org, project, "app", "team"), 404);
  });

  test("deleting an environment tag removes it", async () => {
    await api.deleteEnvironmentTag(org, project, "app", "owning-team");
    await assertHttpError(api.getEnvironmentTag(org, project, "app", "owning-team"), 404);
    const list = await api.listEnvironmentTags(org, project, "app");
    assert.deepEqual(Object.keys(list.tags), ["tier"]);
  });
});

describe("Access and headers", () => {
  test("a request with a wrong token is rejected with 401", async () => {
    const stranger = connectWithToken("pul-0000000000000000000000000000000000000000");
    await assertHttpError(stranger.listEnvironments(org), 401);
  });

  test("a request without a token is rejected with 401", async () => {
    await assertHttpError(connectWithToken(undefined).getEnvironment(org, project, "app"), 401);
  });

  test("the ETag of an environment matches the one its definition is read with", async () => {
    // The wrapper has no getEnvironmentETag (a HEAD request) and returns no response headers: only
    // the generated client shows them.
    const raw = connectRaw();
    const head = await raw.getEnvironmentETag(org, project, "app");
    assert.equal(head.status, 200);
    assert.ok(head.headers.etag, "the HEAD response carries an ETag");
    const read = await raw.getEnvironment(org, project, "app");
    assert.equal(head.headers.etag, read.headers.etag);
    assert.equal(read.headers["pulumi-esc-revision"], "3");
  });
});

describe("Deleting", () => {
  test("a deleted environment can no longer be read (404) nor listed", async () => {
    await deleteEnvironment(api, project, "app");
    await assertHttpError(api.getEnvironment(org, project, "app"), 404);
    assert.deepEqual(names(await api.listEnvironments(org)), [`${project}/app-copy`, `${project}/base`]);
  });
});
