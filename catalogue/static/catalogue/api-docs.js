// Starts Swagger UI on the API's OpenAPI description; a file, so the page keeps a strict CSP.
"use strict";
const element = document.getElementById("swagger-ui");
SwaggerUIBundle({
  url: element.dataset.openapiUrl,
  dom_id: "#swagger-ui",
  deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
});
