/** The platform's own domain: its records (authorisations, the access log) can never be authorised. */
export const PLATFORM_DOMAIN = 'PLATFORM';

/**
 * The domains an entity can authorise: every registered department but the platform, upper case. The
 * registry is imported when first asked, not at load time, because the registry imports this
 * subgraph: a static import would be a cycle.
 */
export async function grantableDomains(): Promise<string[]> {
  const { SUBGRAPHS } = await import('../registry.ts');
  return SUBGRAPHS.map((s) => s.name.toUpperCase()).filter((d) => d !== PLATFORM_DOMAIN);
}
