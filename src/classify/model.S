/* model.S: the trained news / category model (data/categories.bin, made by
 * scripts/train_categories.py), embedded in the library so that no data file is
 * needed at run time. Assembled from the repository's root. */
    .section .rodata
    .balign 16
    .globl classify_blob
    .hidden classify_blob
classify_blob:
    .incbin "data/categories.bin"
    .globl classify_blob_end
    .hidden classify_blob_end
classify_blob_end:
    .byte 0
    .section .note.GNU-stack,"",@progbits
