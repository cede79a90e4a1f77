#!/usr/bin/env node
// Runs the compatibility tests against a real Coffer server: starts coffer-server on a free loopback
// port with a fresh data directory, waits for /healthz, hands the URL and the bootstrap admin token to
// `node --test`, then stops the server and deletes its data, whatever happened.
//
// Usage: node run.js [--junit FILE]
//   --junit FILE       also write the results as JUnit XML (tests/run totals these). A server that
//                      does not start, or a test run that crashes, is written as a failing test case,
//                      never as an empty suite.
// Environment:
//   COFFER_SERVER_DLL  the server to run (default: src/Coffer.Server/bin/Release/net10.0/coffer-server.dll)
//   DOTNET             the dotnet host (default: dotnet on PATH)
"use strict";

const { spawn } = require("node:child_process");
const fs = require("node:fs");
const http = require("node:http");
const net = require("node:net");
const os = require("node:os");
const path = require("node:path");

const repositoryRoot = path.resolve(__dirname, "..", "..");
const serverDll = process.env.COFFER_SERVER_DLL
  || path.join(repositoryRoot, "src", "Coffer.Server", "bin", "Release", "net10.0", "coffer-server.dll");
const organization = "default"; // the organization the server creates on first start
const startupTimeoutMs = 30_000;
const testRunTimeoutMs = 120_000;
const perTestTimeoutMs = 15_000;
const testFiles = fs.readdirSync(path.join(__dirname, "test"))
  .filter((name) => name.endsWith(".test.js"))
  .sort()
  .map((name) => path.join(__dirname, "test", name));

async function main() {
  const junitPath = junitArgument(process.argv.slice(2));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "coffer-compat-"));
  const dataDir = path.join(scratch, "data");
  const pulumiHome = path.join(scratch, "pulumi-home");
  fs.mkdirSync(dataDir, { mode: 0o700 });
  fs.mkdirSync(pulumiHome);
  const nodeJunit = path.join(scratch, "node-junit.xml");
  const extraFailures = [];
  let server;
  let exitCode = 1;

  const cleanUp = async () => {
    if (server) {
      await server.stop();
    }
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => cleanUp().finally(() => process.exit(130)));
  }

  try {
    server = await startServer(dataDir);
    const testExit = await runTests(nodeJunit, {
      ...withoutProxies(process.env),
      COFFER_URL: server.url,
      COFFER_TOKEN: server.token,
      COFFER_ORG: organization,
      PULUMI_HOME: pulumiHome,
    });
    const results = fs.existsSync(nodeJunit) ? fs.readFileSync(nodeJunit, "utf8") : "";
    if (!results.includes("<testcase")) {
      extraFailures.push(["the test run reports its results", `node --test wrote no test results (exit ${testExit.describe})`]);
    } else if (testExit.code !== 0 && !results.includes("<failure")) {
      // A failing after-hook or a crash after the last test fails the run without failing a test case.
      extraFailures.push(["the test run ends cleanly", `node --test exited with ${testExit.describe} although no test failed`]);
    }
    if (testExit.code !== 0 || extraFailures.length > 0) {
      process.stderr.write(`\n--- coffer-server output (last lines) ---\n${server.output().split("\n").slice(-40).join("\n")}\n`);
    }
    exitCode = testExit.code === 0 && extraFailures.length === 0 ? 0 : 1;
    if (junitPath) {
      writeJunit(junitPath, results, extraFailures);
    }
  } catch (error) {
    extraFailures.push(["the Coffer server starts and answers GET /healthz", error.message]);
    if (junitPath) {
      writeJunit(junitPath, "", extraFailures);
    }
  } finally {
    await cleanUp();
  }
  for (const [name, message] of extraFailures) {
    process.stderr.write(`FAILED ${name}: ${message}\n`);
  }
  process.exitCode = exitCode;
}

function junitArgument(args) {
  const index = args.indexOf("--junit");
  if (index === -1) {
    return undefined;
  }
  if (!args[index + 1]) {
    throw new Error("--junit needs a file name");
  }
  return path.resolve(args[index + 1]);
}

/**
 * Starts coffer-server on a free loopback port and resolves once GET /healthz answers 200, with the
 * bootstrap administrator's token the server wrote on first start.
 */
async function startServer(dataDir) {
  if (!fs.existsSync(serverDll)) {
    throw new Error(`The server was not found at ${serverDll}.\n`
      + "Build it with `dotnet build src/Coffer.Server -c Release`, or point COFFER_SERVER_DLL at coffer-server.dll.");
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // COFFER_* variables of the caller's shell (a PostgreSQL database, a root key) must not leak in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("COFFER_")));
  const child = spawn(process.env.DOTNET || "dotnet", [serverDll, "--data-dir", dataDir, "--urls", url], {
    env: { ...env, DOTNET_NOLOGO: "1", DOTNET_CLI_TELEMETRY_OPTOUT: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk) => {
    output += chunk.toString("utf8");
    if (output.length > 1_000_000) {
      output = output.slice(-500_000);
    }
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  let spawnError;
  child.once("error", (error) => { spawnError = error; });

  const server = {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null || spawnError) {
        return;
      }
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };

  const deadline = Date.now() + startupTimeoutMs;
  let exit;
  exited.then((value) => { exit = value; });
  while (Date.now() < deadline) {
    if (spawnError) {
      throw new Error(`Could not run ${process.env.DOTNET || "dotnet"}: ${spawnError.message}`);
    }
    if (exit) {
      throw new Error(`coffer-server exited (code ${exit.code}, signal ${exit.signal}) before answering /healthz. Its output:\n${output}`);
    }
    if (await healthy(url)) {
      try {
        server.token = fs.readFileSync(path.join(dataDir, "admin.token"), "utf8").trim();
      } catch (error) {
        await server.stop();
        throw new Error(`coffer-server started but wrote no bootstrap token: ${error.message}. Its output:\n${output}`);
      }
      return server;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await server.stop();
  throw new Error(`coffer-server did not answer GET ${url}/healthz with 200 within ${startupTimeoutMs / 1000} s. Its output:\n${output}`);
}

function healthy(url) {
  return new Promise((resolve) => {
    const request = http.get(`${url}/healthz`, { timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(false));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** axios honours proxy variables (and npm's own proxy settings under `npm test`); loopback must go direct. */
function withoutProxies(env) {
  const clean = Object.fromEntries(Object.entries(env).filter(([name]) =>
    !/^(https?_proxy|all_proxy|no_proxy|npm_config_(https?_)?proxy|npm_config_no_proxy)$/i.test(name)
    && !/^PULUMI_(ACCESS_TOKEN|BACKEND_URL)$/.test(name)));
  return { ...clean, NO_PROXY: "127.0.0.1,localhost", no_proxy: "127.0.0.1,localhost" };
}

function runTests(junitFile, env) {
  const args = [
    "--test",
    `--test-timeout=${perTestTimeoutMs}`,
    "--test-reporter=spec", "--test-reporter-destination=stdout",
    "--test-reporter=junit", `--test-reporter-destination=${junitFile}`,
    ...testFiles,
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "inherit", "inherit"], cwd: __dirname });
    const timer = setTimeout(() => child.kill("SIGKILL"), testRunTimeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      resolve({ code: 1, describe: `error ${error.message}` });
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, describe: signal ? `signal ${signal}` : `code ${code}` });
    });
  });
}

/** Node's JUnit report plus a failing test case for each problem outside any test. */
function writeJunit(file, nodeResults, failures) {
  const cases = failures.map(([name, message]) =>
    `\t<testcase name="${xml(name)}" classname="compat-runner" time="0">\n`
    + `\t\t<failure type="runnerFailure" message="${xml(message.split("\n")[0])}">${xml(message)}</failure>\n`
    + "\t</testcase>\n").join("");
  let document;
  if (nodeResults.includes("</testsuites>")) {
    const end = nodeResults.lastIndexOf("</testsuites>");
    document = nodeResults.slice(0, end) + cases + nodeResults.slice(end);
  } else {
    document = `<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n${cases}</testsuites>\n`;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, document);
}

function xml(text) {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exitCode = 1;
});
