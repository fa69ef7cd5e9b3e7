import { post } from './http';
import type { Role } from './types';

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  username: string;
  roles: Role[];
}

export const authApi = {
  signIn: (username: string, password: string) => post<IssuedToken>('/api/auth/token', { username, password }),
};
