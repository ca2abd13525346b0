import mysql from 'mysql2/promise';

/**
 * MariaDB/MySQL's count of deadlocks since it started (server-wide: other
 * databases on the same server count too), read before and after a run.
 */
export interface DeadlockCounter {
  read(): Promise<number>;
  close(): Promise<void>;
}

export async function deadlockCounter(databaseUrl: string | undefined): Promise<DeadlockCounter | null> {
  if (!databaseUrl) return null;
  const conn = await mysql.createConnection(databaseUrl);
  return {
    async read() {
      const [rows] = await conn.query<mysql.RowDataPacket[]>("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'");
      return Number(rows[0]?.Value ?? NaN);
    },
    close: () => conn.end(),
  };
}
