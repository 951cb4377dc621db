/**
 * Starlight's data for the page being rendered, or undefined on a page Starlight does not render
 * (the print views in src/pages/print/), where reading `locals.starlightRoute` throws.
 */
export function starlightRouteOf(locals: App.Locals): App.Locals['starlightRoute'] | undefined {
  try {
    return locals.starlightRoute;
  } catch {
    return undefined;
  }
}
