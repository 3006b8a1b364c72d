import { describe, expect, it } from "vitest";

import { redactAddresses } from "@/lib/providers/redact-addresses";

describe("redactAddresses", () => {
  it.each([
    ["Cannot connect to API: connect ECONNREFUSED 127.0.0.1:9101", "Cannot connect to API: connect ECONNREFUSED [address]"],
    ["connect ECONNREFUSED ::1:4010", "connect ECONNREFUSED [address]"],
    ["connect EHOSTUNREACH [fd00:ec2::254]:80", "connect EHOSTUNREACH [address]"],
    ["connect ETIMEDOUT 2001:db8:0:0:0:0:0:1", "connect ETIMEDOUT [address]"],
    ["private or local address (::ffff:10.0.0.1), which", "private or local address ([address]), which"],
    ["private or local address (169.254.169.254), which", "private or local address ([address]), which"],
    ["getaddrinfo ENOTFOUND metadata.google.internal", "getaddrinfo ENOTFOUND [address]"],
    ["getaddrinfo EAI_AGAIN api.example.com", "getaddrinfo EAI_AGAIN [address]"],
    ["Post http://10.1.2.3:8080/v1/chat/completions failed", "Post [address] failed"],
    ["see https://ai.google.dev/gemini-api/docs/rate-limits.", "see [address]"],
    ["upstream ollama.internal.corp:11434 said no", "upstream [address] said no"],
    ["localhost:11434 refused", "[address] refused"],
    [
      "Hostname/IP does not match certificate's altnames: Host: api.evil.test. is not in the cert's altnames: DNS:*.example.net",
      "Hostname/IP does not match certificate's altnames: Host: [address] is not in the cert's altnames: DNS: [address]",
    ],
  ])("hides the address in %j", (text, expected) => {
    expect(redactAddresses(text)).toBe(expected);
  });

  it.each([
    "Rate limited (429): Rate limit reached for gpt-4o-mini in organization org-abc on requests per min (RPM): Limit 3, Used 3.",
    "Request rejected as invalid (400): messages.0.content.0.text: Field required",
    "Model not found (404): models/gemini-2.0-flash is not found for API version v1beta",
    "Timed out after 10 s",
    "Invalid value for 'response_format.json_schema.strict': expected a boolean at 12:30:45",
    "Answer cut off mid-stream: the connection closed before the answer was complete",
  ])("leaves vendor wording without addresses alone: %j", (text) => {
    expect(redactAddresses(text)).toBe(text);
  });
});
