/**
 * Implementation of the JUnit extension. Public only so that its packages can see each other: not
 * an API, may change in any release.
 */
package io.github.cofferdam.junit.internal;
