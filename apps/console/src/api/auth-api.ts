import { post } from './http';
import type { Role } from '@rackeval/api-client';

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
