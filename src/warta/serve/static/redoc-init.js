/* Starts ReDoc on /redoc (written for warta, Apache-2.0); see docs-init.js. */
"use strict";
Redoc.init("/openapi.json", {}, document.getElementById("redoc"));
