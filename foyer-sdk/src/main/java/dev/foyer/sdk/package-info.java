package dev.foyer.sdk;
