// The one email an alert recipient gets before confirming: plain text, so
// names typed by strangers (an organization, a channel) cannot become markup.
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

type TRecipientMail = {
  orgName: string;
  channelName: string;
  // Who added the address, or asked for a new link.
  sender: { name: string; email: string } | null;
  link: string;
  expiresAt: Date;
};

export function recipientLinkMail({ orgName, channelName, sender, link, expiresAt }: TRecipientMail) {
  const who = sender ? `${sender.name} (${sender.email})` : "An admin";
  return {
    subject: `Confirm alerts from ${orgName} on Understudy`,
    text: [
      `${who} added this address to "${channelName}", an alert channel of "${orgName}" on Understudy.`,
      "It would receive alerts about that organization's AI agents (outages, failing providers).",
      "",
      `Nothing is sent to this address until you confirm: ${link}`,
      "",
      `The link expires on ${dateFormat.format(expiresAt)} (UTC). If you did not expect this, ignore this email.`,
    ].join("\n"),
  };
}
