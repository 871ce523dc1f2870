/** The embedded Jetty 12 server hosting every endpoint of the process. */
package io.happy3.adapter.http;
