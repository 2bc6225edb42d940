// Starts the fauxqs SQS/SNS emulator for the tests on 127.0.0.1 only (its own command line listens on every
// interface), on a free port. Prints "listening URL" once it answers; stops when its standard input closes, so it
// never outlives the test process that started it.
// Usage: node fauxqs-launcher.mjs PATH/TO/node_modules/fauxqs/dist/app.js
import { pathToFileURL } from "node:url";

const entry = process.argv[2];
if (!entry) {
  process.stderr.write("usage: node fauxqs-launcher.mjs PATH/TO/fauxqs/dist/app.js\n");
  process.exit(2);
}

const { buildApp } = await import(pathToFileURL(entry).href);
const app = buildApp({ logger: false });
const address = await app.listen({ port: 0, host: "127.0.0.1" });
process.stdout.write(`listening ${address}\n`);

const stop = async () => {
  await app.close();
  process.exit(0);
};
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
