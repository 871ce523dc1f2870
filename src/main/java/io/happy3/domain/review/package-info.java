/** Weekly reviews: the Happy 3 scorecard, proud moments and the digest. */
package io.happy3.domain.review;
