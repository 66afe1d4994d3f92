# expect h: DontKnow        (the true answer is unknowable)
# h asks about itself: if the oracle said Yes, h would loop forever; if No, h would return at once.

def h():
    if terminates(h):
        while True:
            pass
