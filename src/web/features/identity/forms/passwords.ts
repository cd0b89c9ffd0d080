// The server's rule for new passwords, checked in the form too so the reader hears about it before sending.
export const MIN_PASSWORD_LENGTH = 10;
