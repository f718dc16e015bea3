// Public API of @commercebridge/observability: see README.md.
export {
  type HttpHandlers,
  type HttpServer,
  type HttpServerOptions,
  type MetricsSource,
  startHttpServer,
} from './http.ts';
export { METRICS, type MetricDefinition, type MetricKey } from './metrics.ts';
export {
  DEFAULT_SCRAPE_READ_TIMEOUT_MS,
  type Labels,
  type ReadReport,
  type Sample,
  type SampleSource,
  type ScrapedGauge,
  scrapedGauge,
  scrapeReader,
} from './scrape.ts';
