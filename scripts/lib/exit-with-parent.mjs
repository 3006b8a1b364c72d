// Preloaded (node --import) into every service `npm start` runs. The
// service's stdin is a pipe from npm start that nothing writes to, so its end
// means npm start is gone, however it ended (a crash and SIGKILL included):
// the service then stops as on Ctrl-C instead of holding its port.
process.stdin.on("end", () => process.kill(process.pid, "SIGTERM"));
process.stdin.resume();
// Waiting for that end must not keep a service alive that is done otherwise.
process.stdin.unref();
