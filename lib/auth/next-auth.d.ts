import 'next-auth/jwt';

declare module 'next-auth/jwt' {
  interface JWT {
    /** users.id of the signed-in admin or viewer. */
    uid?: number;
  }
}
