/** Configuration: environment variables read and validated into one record at start. */
package io.happy3.config;
