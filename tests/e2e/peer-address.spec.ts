// The web (web/server.mjs) stamps each connection's own address on its requests,
// so the sign-in limits count real clients: here 127.0.0.2 stands for a
// client on another machine and 127.0.0.1 for its neighbour.
import { createTenant, unique } from "../fixtures/data";
import { httpClient, type THttpClient } from "../fixtures/http-client";
import { expect, test } from "../fixtures/test";

// As many wrong passwords as lock one address out of one email (SIGN_IN_LIMIT.perAddress).
const LOCKING_FAILURES = 10;

// The sign-in form's server action, called the way React calls it, but
// through another page: Next forwards it over loopback to the page that has it.
async function signInThroughAnotherPage(client: THttpClient, baseURL: string, { email, password }: { email: string; password: string }) {
  const page = (await client.get("/sign-in")).body;
  const actionId = /&quot;id&quot;:&quot;([0-9a-f]+)&quot;/.exec(page)?.[1];
  expect(actionId, "the sign-in form's action id").toBeTruthy();
  const form = new FormData();
  form.append("_1_email", email);
  form.append("_1_password", password);
  form.append("_1_next", "/");
  form.append("0", JSON.stringify([{ ok: false, error: "" }, "$K1"]));
  const encoded = new Response(form);
  const answer = await client.post("/sign-up", Buffer.from(await encoded.arrayBuffer()), {
    "content-type": encoded.headers.get("content-type") ?? "",
    "next-action": actionId ?? "",
    accept: "text/x-component",
    origin: baseURL,
  });
  return answer.body;
}

test("a forged peer header is replaced by the connection's own address, and two addresses are counted apart", async ({ baseURL }) => {
  const { user, password } = await createTenant();
  const far = httpClient({ baseURL: baseURL ?? "", localAddress: "127.0.0.2" });
  const near = httpClient({ baseURL: baseURL ?? "", localAddress: "127.0.0.1" });
  // Each guess names another address, in both headers a client could try.
  const forged = (i: number) => ({ "x-understudy-peer": `192.0.2.${i} forged-mac`, "x-forwarded-for": `192.0.2.${i}` });
  for (let i = 0; i < LOCKING_FAILURES; i += 1) {
    expect(await far.signIn({ email: user.email, password: `wrong password ${i}`, headers: forged(i) })).toBe("credentials");
  }
  expect(await far.signIn({ email: user.email, password, headers: forged(99) })).toBe("rate_limited");
  expect(await near.signIn({ email: user.email, password })).toBe("ok");
});

test("a server action Next forwards to itself is counted for the client that sent it, not the server", async ({ baseURL }) => {
  const { user, password } = await createTenant();
  const far = httpClient({ baseURL: baseURL ?? "", localAddress: "127.0.0.2" });
  const guess = () => signInThroughAnotherPage(far, baseURL ?? "", { email: user.email, password: `wrong ${unique("guess")}` });
  for (let i = 1; i < LOCKING_FAILURES; i += 1) expect(await guess()).toContain("Wrong email or password.");
  // The last failure the limit allows says so.
  expect(await guess()).toContain("Too many failed sign-ins.");
  expect(await far.signIn({ email: user.email, password })).toBe("rate_limited");
  // The server's own address (it forwards over 127.0.0.1) was never the one counted.
  expect(await httpClient({ baseURL: baseURL ?? "", localAddress: "127.0.0.1" }).signIn({ email: user.email, password })).toBe("ok");
});
