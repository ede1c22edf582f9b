enum SluiceGongPlaceholder {}
