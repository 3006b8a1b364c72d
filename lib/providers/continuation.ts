// How a backup is asked to finish an answer another provider broke off. The
// simulator recognises the same words, so the production request shape is
// what the tests exercise.
export const CONTINUE_INSTRUCTION =
  "Your previous answer above was cut off. Continue it exactly where it stopped, without repeating any of it and without commenting on the interruption.";
