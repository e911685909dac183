/* Starts Swagger UI on /docs (written for warta, Apache-2.0): a file, not an inline script,
 * so the page keeps the server's Content-Security-Policy. */
"use strict";
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
