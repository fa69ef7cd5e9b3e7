// `@rackeval/auth/vocabulary`: the roles and the sign-in answer, for code that runs in a browser (the
// console). It imports nothing outside this folder, so it brings no server code into a bundle.
export { type IssuedToken } from './issued-token';
export { type Role, ROLES } from './roles';
