import { All, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ServiceProxy } from './service-proxy';

/** `/api/<service>/v1/…` → the service's `/v1/…`; any signed-in user (each service checks roles). */
@ApiExcludeController()
@Controller('api')
export class ProxyController {
  constructor(private readonly proxy: ServiceProxy) {}

  @All(':service/*path')
  forward(@Param('service') service: string, @Req() request: Request, @Res() response: Response): void {
    this.proxy.forward(service, request, response);
  }
}
