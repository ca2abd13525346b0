/**
 * The SMS adapter. The activities know only this; the HTTP provider is one
 * implementation, and another gateway slots in without touching them.
 */
export interface SmsSender {
  /** Sends one SMS to an E.164 number; throws when the provider refuses it or cannot be reached. */
  send(to: string, message: string, signal?: AbortSignal): Promise<void>;
}
