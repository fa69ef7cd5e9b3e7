import { BucketsQuery } from '../../series/dto/series.dto';

export class LiveRunQuery {
  @BucketsQuery("Time buckets per metric (about the chart's width in pixels)")
  buckets?: number;
}
