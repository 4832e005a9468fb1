package dev.foyer.protocol;
