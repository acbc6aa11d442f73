/** Reports of a walk: JSON for machines, Markdown and a console table for people. */
package io.github.cofferdam.junit.internal.report;
