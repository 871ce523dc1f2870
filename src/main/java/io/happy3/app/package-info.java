/** Use cases: the product's behaviour, on top of the domain and behind the ports; no platform code. */
package io.happy3.app;
