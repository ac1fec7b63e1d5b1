// The message parameters of V03 SEND_MESSAGE and V15 sendmessage, which the two documents require differently.
import { validation } from './bulk-request.js';

const MODES = ['pns', 'sms', 'email'] as const;

export interface MessageRules {
  /** V03 marks message, mode and subject Required; V15 marks none (message is still needed to send anything). */
  required: ReadonlyArray<'message' | 'mode' | 'subject'>;
}

export function validateMessage(additionalParameters: Record<string, unknown>, rules: MessageRules): void {
  for (const name of ['message', 'mode', 'subject', 'app'] as const) {
    const value = additionalParameters[name];
    if (value === undefined || value === null) {
      if ((rules.required as readonly string[]).includes(name))
        throw validation(
          `additionalParameters.${name}`,
          `additionalParameters.${name}: Required parameter is missing.`,
        );
      continue;
    }
    if (typeof value !== 'string')
      throw validation(`additionalParameters.${name}`, `additionalParameters.${name}: must be a string.`);
  }
  const mode = additionalParameters.mode;
  if (typeof mode === 'string' && !(MODES as readonly string[]).includes(mode.toLowerCase())) {
    throw validation('additionalParameters.mode', `additionalParameters.mode: must be one of ${MODES.join(', ')}.`);
  }
  if (typeof additionalParameters.message === 'string' && additionalParameters.message.trim() === '') {
    throw validation('additionalParameters.message', 'additionalParameters.message: must not be empty.');
  }
}
