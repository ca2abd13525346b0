import { z } from 'zod';

/**
 * Who works the console. An admin may do everything, staff act on orders,
 * stock, errors and notifications, a viewer only looks. Customers, promo
 * codes and the staff list change the shop's terms: admins only.
 */
export const STAFF_ROLES = ['admin', 'staff', 'viewer'] as const;
export type StaffRole = z.infer<typeof StaffRole>;
export const StaffRole = z.enum(STAFF_ROLES);

/** What a role may do besides reading. */
export type StaffPower = 'act' | 'manage';

export function staffMay(role: StaffRole, power: StaffPower): boolean {
  if (power === 'manage') return role === 'admin';
  return role === 'admin' || role === 'staff';
}

/** Long enough that a stolen hash is not worth cracking; the upper bound keeps argon2 from hashing megabytes. */
export const Password = z.string().min(12, 'At least 12 characters').max(256);

export const NewStaff = z.strictObject({
  email: z.email().max(254).transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(200),
  role: StaffRole,
  password: Password,
});
export type NewStaff = z.infer<typeof NewStaff>;

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
}
