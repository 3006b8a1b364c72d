// Provider health is shared per saved provider (credential) and model, across
// agents and workers, so a circuit's key names both. The key is built here
// and read back only here: the prober knows an open circuit by its key alone.
type TCircuitSubject = { credentialId: string; model: string };

export const circuitKeyOf = ({ credentialId, model }: TCircuitSubject) => `${credentialId}|${model}`;

export function circuitSubjectOf(key: string): TCircuitSubject {
  const [credentialId, ...model] = key.split("|");
  return { credentialId: credentialId ?? "", model: model.join("|") };
}
