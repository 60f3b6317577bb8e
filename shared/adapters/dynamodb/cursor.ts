import { CustomerId } from '../../core/customer-id';
import { InvalidInputError } from '../../core/errors';
import { customerListKeys, keys } from './keys';

/**
 * A cursor is the last customer id of a page, and the index key is rebuilt from it through the
 * key module: a hand-made cursor can name a place in the list, never a malformed key.
 */
export function encodeCursor(lastEvaluatedKey: Record<string, unknown>): string {
  return Buffer.from(String(lastEvaluatedKey.listSk)).toString('base64url');
}

export function decodeCursor(cursor: string): Record<string, string> {
  const customerId = CustomerId.safeParse(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!customerId.success) {
    throw InvalidInputError.forField('cursor', 'is not a cursor this API returned');
  }
  return { ...keys.profile(customerId.data), ...customerListKeys(customerId.data) };
}
