// The emails we send, as plain text: names typed by strangers (an
// organization, an inviter) cannot become markup or links.
const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

export function invitationMail({
  orgName,
  role,
  inviter,
  link,
  expiresAt,
}: {
  orgName: string;
  role: string;
  inviter: { name: string; email: string } | null;
  link: string;
  expiresAt: Date;
}) {
  const who = inviter ? `${inviter.name} (${inviter.email})` : "An owner";
  return {
    subject: `You are invited to ${orgName} on Understudy`,
    text: [
      `${who} invited you to join "${orgName}" on Understudy as ${role}.`,
      "",
      `Accept the invitation: ${link}`,
      "",
      `The link works once and expires on ${dateFormat.format(expiresAt)} (UTC). If you did not expect it, ignore this email.`,
    ].join("\n"),
  };
}

export function verificationMail({ name, link }: { name: string; link: string }) {
  return {
    subject: "Confirm your email address for Understudy",
    text: [
      `Hello ${name},`,
      "",
      `Confirm this address to finish creating your Understudy account: ${link}`,
      "",
      "The link expires in 24 hours. If you did not sign up, ignore this email.",
    ].join("\n"),
  };
}
