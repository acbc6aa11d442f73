/** One message factory per kind of assertion failure; the texts are part of the API. */
package io.github.cofferdam.assertj.error;
