import { ApplicationFailure } from '@temporalio/common';
import { permanentFailureOf } from '../../workers/permanent-errors';

describe('database refusals no retry can change', () => {
  it('turns a value too long for its column into a non-retryable DATA_REFUSED without the driver text', () => {
    const err = Object.assign(new Error("Data too long for column 'actor_id' at row 1: insert into ... 'Juan dela Cruz'"), { code: 'ER_DATA_TOO_LONG' });
    const failure = permanentFailureOf(err);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'DATA_REFUSED', nonRetryable: true });
    expect(failure!.message).not.toContain('Juan');
  });

  it('leaves passing failures (a dropped connection, a deadlock) to be retried', () => {
    expect(permanentFailureOf(Object.assign(new Error('lost'), { code: 'PROTOCOL_CONNECTION_LOST' }))).toBeNull();
    expect(permanentFailureOf(Object.assign(new Error('deadlock'), { code: 'ER_LOCK_DEADLOCK' }))).toBeNull();
    expect(permanentFailureOf(new Error('plain'))).toBeNull();
  });
});
