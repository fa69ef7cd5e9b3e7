import 'reflect-metadata';
import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ALLOW_ROLELESS } from './decorators/allow-roleless.decorator';
import { IS_PUBLIC } from './decorators/public.decorator';
import { REQUIRED_ROLES } from './decorators/roles.decorator';
import { ROLES, Role } from './roles';

/** Who may call a route: no token (`public`), any valid token even without a role (`any-token`), or one of these roles. */
export type RouteAccess = 'public' | 'any-token' | readonly Role[];

/** One HTTP route a controller serves, its own or inherited (Nest serves both). */
export interface ControllerRoute {
  /** `METHOD /path` as OpenAPI writes it, e.g. `GET /v1/racks/{serial}`. */
  key: string;
  /** `Controller.handler`, to name it in a failure. */
  handler: string;
  /** What its decorators (@Public, @AllowRoleless, @Roles; the handler's, else the class's) say; undefined when nothing. */
  declared: RouteAccess | undefined;
}

/** The access the auth decorators declare, read as AuthGuard reads them (the handler's before the class's). */
export function declaredAccessOf(handler: object, controller: object): RouteAccess | undefined {
  const read = <T>(key: string): T | undefined =>
    (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, controller) as T | undefined);
  if (read<boolean>(IS_PUBLIC)) return 'public';
  const roles = read<Role[]>(REQUIRED_ROLES);
  if (roles?.length) return roles;
  return read<boolean>(ALLOW_ROLELESS) ? 'any-token' : undefined;
}

/** What AuthGuard enforces: the declared access, else any role this system knows. */
export function accessOf(handler: object, controller: object): RouteAccess {
  return declaredAccessOf(handler, controller) ?? ROLES;
}

/** Every route of a controller class, inherited handlers included; none when it is not a controller. */
export function routesOf(controller: Type): ControllerRoute[] {
  const base = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
  if (base === undefined) return [];
  const prototype = controller.prototype as Record<string, unknown>;
  return handlerNames(prototype).flatMap((name) => {
    const handler = prototype[name];
    if (typeof handler !== 'function') return [];
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method === undefined) return [];
    const path = (Reflect.getMetadata(PATH_METADATA, handler) as string | undefined) ?? '';
    return [
      {
        key: `${RequestMethod[method]} ${joinPath(String(base), path)}`,
        handler: `${controller.name}.${name}`,
        declared: declaredAccessOf(handler, controller),
      },
    ];
  });
}

function joinPath(...parts: string[]): string {
  return `/${parts
    .flatMap((part) => part.split('/'))
    .filter(Boolean)
    .map((segment) => (segment.startsWith(':') ? `{${segment.slice(1)}}` : segment))
    .join('/')}`;
}

/** Method names on a prototype and its ancestors'. */
function handlerNames(prototype: object): string[] {
  const names = new Set<string>();
  for (let level = prototype; level && level !== Object.prototype; level = Object.getPrototypeOf(level) as object) {
    for (const name of Object.getOwnPropertyNames(level)) if (name !== 'constructor') names.add(name);
  }
  return [...names];
}
