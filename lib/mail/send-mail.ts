// Email goes out through the operator's SMTP server (SMTP_URL). Without it,
// nothing is sent and the dashboard shows links to copy instead.
import nodemailer, { type Transporter } from "nodemailer";

import { env } from "../env";
import { log } from "../log";

type TMail = { to: string; subject: string; text: string };

let transport: { url: string; transporter: Transporter } | undefined;

export function mailEnabled(): boolean {
  return env().SMTP_URL !== undefined;
}

function transporter(url: string): Transporter {
  if (transport?.url !== url) {
    transport = {
      url,
      // A slow or silent mail server fails the send in seconds; it never holds a request.
      transporter: nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }),
    };
  }
  return transport.transporter;
}

// Answers whether the mail server took the message. A failure is logged
// without the message (it holds a link) and left to the caller to explain.
export async function sendMail(mail: TMail): Promise<boolean> {
  const url = env().SMTP_URL;
  if (!url) return false;
  try {
    await transporter(url).sendMail({ from: env().MAIL_FROM, ...mail });
    return true;
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error), subject: mail.subject }, "email not sent");
    return false;
  }
}
