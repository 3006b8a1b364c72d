// What the seeded conversations say: a customer's question, the agent's answer.
export const QUESTIONS = [
  "Where is my order #48213?",
  "Can I change the delivery address after checkout?",
  "How do I reset my password?",
  "Why was my card charged twice this month?",
  "Do you ship to Canada?",
  "I want to return a jacket that does not fit.",
  "How long does a refund take?",
  "Can I upgrade my plan in the middle of the billing cycle?",
  "The app logs me out every few minutes. What can I do?",
  "Is there a student discount?",
  "How do I add a second user to my account?",
  "What are your opening hours on public holidays?",
];

export const ANSWERS = [
  "Your order left our warehouse yesterday and should arrive within two working days.",
  "Yes: open the order, choose Change address, and we will update it before it ships.",
  "Use Forgot password on the sign-in page; the link in the email is valid for one hour.",
  "I see one charge and one pending authorization; the authorization disappears within five days.",
  "We ship to Canada; delivery takes five to seven working days and duties are included.",
  "I have started a return for you; print the label from the email and drop the parcel at any post office.",
  "Refunds reach your account within five to ten working days after we receive the item.",
  "You can upgrade at any time; you pay only the difference for the rest of the cycle.",
  "Please update the app to the latest version and sign in again; that fixes the session timeout.",
  "Students get 15% off with a valid student email address.",
  "Go to Settings, then Team, and invite them by email.",
  "On public holidays we are open from 10:00 to 16:00.",
];
