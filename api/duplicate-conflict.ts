import { isUniqueViolation } from '../store/unique-violation';
import { Problem } from './problem';

/** For `.catch()` on a write: a duplicate key becomes 409 CONFLICT saying `message`; any other error passes on unchanged. */
export const conflictOnDuplicate =
  (message: string) =>
  (err: unknown): never => {
    throw isUniqueViolation(err) ? new Problem('CONFLICT', message) : err;
  };
